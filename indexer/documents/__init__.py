"""From files to clean documents: formats, encodings, limits, cleaning, metadata and chunking."""
