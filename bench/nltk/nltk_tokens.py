# Writes NLTK's tokens of each line of a file, space-joined, for comparison with `bench text tokens FILE`:
#   /usr/bin/python3 bench/nltk/nltk_tokens.py FILE > nltk.txt; bench text tokens FILE > ours.txt; cmp nltk.txt ours.txt
# Uses word_tokenize when NLTK's Punkt data is installed, else NLTKWordTokenizer (word_tokenize without its sentence splitter).
import sys
from nltk.tokenize import word_tokenize, NLTKWordTokenizer
try:
    word_tokenize("a b. c d.")
    tokenize = word_tokenize
except LookupError:
    print("Punkt data missing: NLTKWordTokenizer only", file=sys.stderr)
    tokenize = NLTKWordTokenizer().tokenize
for line in open(sys.argv[1], encoding="utf-8"):
    print(" ".join(tokenize(line.lower())))
