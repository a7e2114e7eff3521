"""The evidence log's pages (views), their forms, and what they show (present)."""
