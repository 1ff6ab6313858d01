"""A post as a file and as an open document: reading and atomic saving in the file's own form, the open post, conflict markers, and the recovery journal of unsaved text."""
