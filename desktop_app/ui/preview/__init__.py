"""The live preview (QtWebEngine): its render pipeline, page, request policy, links, scroll sync and PDF printing."""
