"""The only package that imports rdflib, pyoxigraph and networkx: IRIs, triples, stores, exports."""
