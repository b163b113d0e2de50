"""Scores a decisions.csv against the generator's answer key (truth.csv).

Usage: score.py DECISIONS TRUTH  ->  prints "precision recall review_rate shots"
The definitions are vaxlink's (VaxMatching/Evaluation.swift): a link is an outcome of
verified, corrected or relinked; precision = correct links / links; recall = correct links /
shots whose person is in the register; review rate = shots in review / shots.
"""
import csv
import sys

LINKS = {"verified", "corrected", "relinked"}


def main() -> int:
    decisions_path, truth_path = sys.argv[1], sys.argv[2]
    truth = {}
    with open(truth_path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            truth[row["shot_id"]] = row["citizen_id"]
    shots = links = correct = review = 0
    with open(decisions_path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            shots += 1
            outcome = row["outcome"]
            if outcome in LINKS:
                links += 1
                if row["citizen_id"] and row["citizen_id"] == truth.get(row["shot_id"]):
                    correct += 1
            elif outcome == "review":
                review += 1
    linkable = sum(1 for c in truth.values() if c)
    precision = correct / links if links else 1.0
    recall = correct / linkable if linkable else 1.0
    print(f"{precision:.6f} {recall:.6f} {review / shots if shots else 0:.6f} {shots}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
