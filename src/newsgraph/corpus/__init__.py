"""Across articles: duplicates (`dedup`), stories (`stories`), entities merged over the corpus
(`entities`), and the ingest job that feeds the store (`ingest`)."""
