"""The project's Kedro pipelines, one folder each."""
