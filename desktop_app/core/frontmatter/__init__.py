"""Front matter: split a post into front matter and body, read its values, and change one field by rewriting only its text (YAML, TOML, JSON); field schemas and validation."""
