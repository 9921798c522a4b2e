"""The NLP stage: spaCy pipeline with dyad's components (see pipeline.py)."""
