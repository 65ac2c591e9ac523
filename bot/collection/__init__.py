"""Managing the collection: adding, replacing and removing documents with incremental indexing."""
