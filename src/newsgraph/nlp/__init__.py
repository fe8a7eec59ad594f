"""Analysis stages. Each module exposes `STAGE` (its name) and `run(article, doc) -> article`."""
