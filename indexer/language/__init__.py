"""Language tools: tokenisation and BM25, the Chinese-English dictionary and the glossary of names."""
