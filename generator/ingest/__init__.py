"""Getting papers in: ``init``, ``new paper`` and the importers behind ``import``.

Every importer turns its source into a list of :class:`~generator.ingest.work.Work`
objects; :mod:`generator.ingest.merge` matches them against the site's records and
writes the plan, so all importers share one set of merge rules.
"""
