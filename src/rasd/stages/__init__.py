"""Annotation stages. Each module here exposes ``make_stage(profile)``; see rasd.pipeline."""
