"""Helpers of scripts/compare_generator.py: build posts with a site generator (hugo.py, jekyll.py,
astro.py), render them with Postdesk (postdesk.py), normalise both (normalize.py), compare and
classify (compare.py, classify.py), report (report.py)."""
