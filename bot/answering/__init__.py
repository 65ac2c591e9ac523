"""Answering a question: retrieve, pick the quoted sentences, decide whether to abstain, and say
which policy is in force."""
