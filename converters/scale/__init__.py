"""Not a stage: the whole pipeline mapped over many documents, on an engine users already run.

``records.convert_records`` turns an iterable of documents into plain records (dicts of JSON
types), one per document, a failure included as a record with its reason; ``records.convert_bag``
maps it over the partitions of a Dask bag. Nothing here imports Dask: a bag is anything with
``map_partitions``, so the extra is needed only by whoever made the bag.
"""
