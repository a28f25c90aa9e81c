"""The site's presentation extensions: the MongoDB dialect, the flavour-tab check,
the compatibility tables and the reader's accessibility repairs."""
