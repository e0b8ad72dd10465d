"""Kedro datasets for the project's raw TSV files and trained models.

Datasets read and write files; no ML code and no validation here.
"""

from joint_nlu.datasets.raw_tsv import RawTSVDataset
from joint_nlu.datasets.sentences import SentencesDataset
from joint_nlu.datasets.tagger_dataset import TaggerDataset

__all__ = ["RawTSVDataset", "SentencesDataset", "TaggerDataset"]
