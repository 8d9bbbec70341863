"""Actors: who does what to whom.

``lexicon`` holds the actor knowledge (countries, metonyms, organisations, agent words) read from
``ontology/data``; ``phrase`` resolves an actor noun phrase to country, sector and name;
``people`` maps office holders' names to their offices over time.
"""
