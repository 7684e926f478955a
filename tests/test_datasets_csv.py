"""Your own points as CSV: parsed line by line, every mistake named with its line; written back exactly."""

import numpy as np
import pytest

from backprop_lab import datasets


def test_from_csv_reads_points_a_header_comments_and_blank_lines():
    X, Y = datasets.from_csv("x1,x2,label\n# my points\n0.5, -1.25, 0\n\n2,3e-1,1\n")
    np.testing.assert_array_equal(X, [[0.5, -1.25], [2.0, 0.3]])
    np.testing.assert_array_equal(Y, [[0.0], [1.0]])  # two classes: one 0/1 column


def test_three_classes_give_one_hot_rows():
    X, Y = datasets.from_csv("0,0,2\n1,1,0\n1,0,1\n1.0,2.0,2.0\n")
    assert Y.shape == (4, 3)
    assert datasets.class_numbers(Y).tolist() == [2, 0, 1, 2]


@pytest.mark.parametrize("text, message", [
    ("1,2,0\n\n3,a,1", "line 3: expected x1,x2,label with a whole-number label, got '3,a,1'"),
    ("1,2,0\na,b", "line 2: expected x1,x2,label with a whole-number label, got 'a,b'"),
    ("1,2", "line 1: expected x1,x2,label with a whole-number label, got '1,2'"),
    ("1,2,0.5", "line 1: expected x1,x2,label with a whole-number label, got '1,2,0.5'"),
    ("1,2,-1", "line 1: expected x1,x2,label with a whole-number label, got '1,2,-1'"),
    ("nan,2,1", "line 1: expected x1,x2,label with a whole-number label, got 'nan,2,1'"),
    ("1,2,0\nx1,x2,label", "line 2: expected x1,x2,label with a whole-number label, got 'x1,x2,label'"),
    ("1,2,0\n3,4,3", "line 2: the label must be one of 0 to 2, got '3'"),
    ("x1,x2,label\n# nothing\n", "expected at least one line x1,x2,label, got none"),
])
def test_a_malformed_file_names_its_line(text, message):
    with pytest.raises(ValueError) as info:
        datasets.from_csv(text, classes=3)
    assert str(info.value) == message


def test_from_csv_wants_text():
    with pytest.raises(TypeError, match="text must be a str .* got bytes"):
        datasets.from_csv(b"1,2,0")


def test_to_csv_round_trips_exactly():
    X, Y = datasets.spiral(30, classes=3)
    text = datasets.to_csv(X, Y)
    assert text.startswith("x1,x2,label\n") and text.count("\n") == 31
    X2, Y2 = datasets.from_csv(text)
    np.testing.assert_array_equal(X2, X)
    np.testing.assert_array_equal(Y2, Y)


def test_one_hot_and_class_numbers():
    assert datasets.one_hot([1, 0, 1]).tolist() == [[1.0], [0.0], [1.0]]
    assert datasets.one_hot([1, 0], classes=3).tolist() == [[0.0, 1.0, 0.0], [1.0, 0.0, 0.0]]
    assert datasets.class_numbers([[0.2], [0.7]]).tolist() == [0, 1]
