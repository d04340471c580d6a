"""zhko: Chinese→Korean parallel-text publishing pipeline."""
