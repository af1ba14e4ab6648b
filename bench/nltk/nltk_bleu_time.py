# Times NLTK's BLEU-2..5 (sentence_bleu, method1, every test line a reference) and leave-one-out Self-BLEU-2..5 on
# the first N hypotheses of a Texygen sample file, for docs/BENCHMARKS.md's comparison with `bench text texygen`.
# Run with Debian's python3-nltk: /usr/bin/python3 bench/nltk/nltk_bleu_time.py [N] [sample file]
import sys, time
from nltk.translate.bleu_score import sentence_bleu, SmoothingFunction
from nltk.tokenize import NLTKWordTokenizer
n = int(sys.argv[1]) if len(sys.argv) > 1 else 20
sample = sys.argv[2] if len(sys.argv) > 2 else "../shared/datasets/text/texygen_generated_samples/mle.txt"
tok = NLTKWordTokenizer()
refs = [tok.tokenize(l.lower()) for l in open("../shared/datasets/text/test_coco.txt", encoding="utf-8")]
hyps = [tok.tokenize(l.lower()) for l in open(sample, encoding="utf-8")]
sm = SmoothingFunction().method1
start = time.perf_counter()
bleu = [[sentence_bleu(refs, h, tuple(1. / k for _ in range(k)), smoothing_function=sm) for k in range(2, 6)] for h in hyps[:n]]
b = time.perf_counter() - start
start = time.perf_counter()
self_bleu = [[sentence_bleu(hyps[:i] + hyps[i + 1:], hyps[i], tuple(1. / k for _ in range(k)), smoothing_function=sm) for k in range(2, 6)] for i in range(n)]
s = time.perf_counter() - start
print(f"NLTK {n} hypotheses: BLEU-2..5 {b:.1f} s ({b / n:.3f} s each; 10,000 would take {b / n * 10000 / 3600:.1f} h), "
      f"Self-BLEU-2..5 {s:.1f} s ({s / n:.3f} s each; 10,000: {s / n * len(hyps) / 3600:.1f} h)")
print("first hypothesis BLEU-2..5", bleu[0], "Self-BLEU-2..5", self_bleu[0])
