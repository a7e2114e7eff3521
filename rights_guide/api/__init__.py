"""The JSON API (docs/api.md): another door into the same engine and letter renderer."""
