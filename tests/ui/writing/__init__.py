"""Tests of the writing aids: spell checking, the outline, counts and goals."""
