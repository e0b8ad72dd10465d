"""The project's Kedro pipelines, one folder each.

Each pipeline wires joint_nlu's modules to the catalog; no ML code lives under pipelines/.
"""
