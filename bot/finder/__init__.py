"""The policy finder: which notices in force a company may apply for, condition by condition."""
