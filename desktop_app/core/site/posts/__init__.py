"""The posts as files: creating, renaming and deleting them (`files`), what the New post sheet offers (`new_post`), their images (`media`, `post_media`)."""
