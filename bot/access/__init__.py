"""Who may do what, and how often: keys, client identity and the shared rate limit."""
