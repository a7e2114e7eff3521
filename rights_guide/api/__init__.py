"""The JSON API (spec/api.md): another door into the same engine and letter renderer."""
