"""Views: thin glue between HTTP and the modules that do the work."""
