"""The visitor's case: what they entered, kept together, expiring, deleted whole."""
