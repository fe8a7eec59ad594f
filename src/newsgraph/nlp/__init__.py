"""Analysis stages, one subpackage (or module) each: `entities`, `places`, `dates`, `amounts`,
`quotes`, `events`, `themes`, `tone`. Each exposes `STAGE` (its name) and
`run(article, doc) -> Article` and names its public names in `__all__`; its private modules
(`_spans.py`, `_rules.py` …) are its own. What stages share lives here: `_doc.py` (tokens,
sentences, paragraphs, `entity_at`), `gazetteer.py`, `aliases.py`, `spacy_model.py`,
`language.py`, `textcut.py`.
"""
