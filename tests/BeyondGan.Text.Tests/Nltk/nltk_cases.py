# Writes nltk_cases.json: NLTK 3.8 (Debian python3-nltk) BLEU, leave-one-out Self-BLEU and tokenizer outputs that
# tests/BeyondGan.Text.Tests compare against. Run: /usr/bin/python3 nltk_cases.py > nltk_cases.json
import json, random
from nltk.translate.bleu_score import sentence_bleu, SmoothingFunction
from nltk.tokenize import NLTKWordTokenizer
sm = SmoothingFunction().method1
random.seed(7)
words = "a the dog cat sat on mat red".split()
def sent(): return [random.choice(words) for _ in range(random.randint(0, 9))]
refs = [sent() for _ in range(12)]
refs = [r for r in refs if r] 
hyps = [sent() for _ in range(6)] + [[], ["zebra"], refs[0][:]]
out = {"refs": refs, "hyps": hyps, "bleu": [], "self": []}
for h in hyps:
    out["bleu"].append([sentence_bleu(refs, h, tuple(1./n for _ in range(n)), smoothing_function=sm) for n in range(1, 6)])
for i, h in enumerate(refs):
    others = refs[:i] + refs[i+1:]
    out["self"].append([sentence_bleu(others, h, tuple(1./n for _ in range(n)), smoothing_function=sm) for n in range(1, 6)])
tok = NLTKWordTokenizer()
texts = ["A man's dog can't run.", "He said, \"hello there\" and left...", "(a test) [b] {c} <d>", "it's 3,000 dollars; 4.5% off!", "a plate with chips and a burger.", "'quoted' text -- with dashes", "gonna wanna gimme lemme", "I'd they'll we're you've", "'tis the season", "e-mail @ home # tag $ 5 & co", "a b. c d.", "what? why! ok"]
out["tokens"] = [[t, tok.tokenize(t.lower())] for t in texts]
print(json.dumps(out))
