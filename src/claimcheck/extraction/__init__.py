"""Drafting a claim file from an article's text: ``claimcheck extract`` and ``claimcheck check``.

The stages, each a module: :mod:`.sentences` splits the text, :mod:`.spans` finds the printed
figures (with the figure reader every claim file uses), :mod:`.claims` turns the figures of a
sentence into claims of the right kind, and :mod:`.draft` writes them as a reviewable claim
file. Nothing here is imported by ``verify``.
"""
