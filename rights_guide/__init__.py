"""Collection Rights Guide: self-help for people harassed by debt collectors in mainland China."""
