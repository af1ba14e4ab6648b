# Writes the labelled corpus of BENCHMARKS §8.6: test_coco.txt as `caption`, test_emnlp.txt as `news`, one CSV of
# label,text; every tenth row (of the 20,000, captions first) to labelled_test.csv, the rest to labelled_train.csv.
#   python3 bench/text/labelled_corpus.py [OUT_DIR]
import csv, os, sys
out = sys.argv[1] if len(sys.argv) > 1 else "."
data = "../shared/datasets/text"
rows = [("caption", l.rstrip("\n")) for l in open(f"{data}/test_coco.txt", encoding="utf-8")]
rows += [("news", l.rstrip("\n").strip()) for l in open(f"{data}/test_emnlp.txt", encoding="utf-8")]
for name, part in (("train", [r for i, r in enumerate(rows) if i % 10 != 0]), ("test", [r for i, r in enumerate(rows) if i % 10 == 0])):
    with open(os.path.join(out, f"labelled_{name}.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["label", "text"])
        w.writerows(part)
