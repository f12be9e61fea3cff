import pytest
from hypothesis import given
from hypothesis import strategies as st

from safeguard.people.identifiers import (
    clean_nhs_number,
    clean_postcode,
    clean_upn,
    nhs_check_digit,
    postcode_sector,
    upn_check_letter,
)


class TestNhsNumber:
    @pytest.mark.parametrize("value", ["943 476 5919", "9434765919", "943-476-5919"])
    def test_accepts_a_valid_number_in_any_common_layout(self, value):
        assert clean_nhs_number(value) == "9434765919"

    def test_refuses_a_wrong_check_digit_and_says_so(self):
        with pytest.raises(ValueError, match="last digit does not match"):
            clean_nhs_number("9434765918")

    @pytest.mark.parametrize("value", ["943476591", "94347659191", "94347659AB", ""])
    def test_refuses_anything_but_ten_digits(self, value):
        with pytest.raises(ValueError, match="must be 10 digits"):
            clean_nhs_number(value)

    def test_a_remainder_of_ten_has_no_valid_check_digit(self):
        # 6 * 2 = 12, remainder 1 on dividing by 11, so the check would be 11 - 1 = 10.
        assert nhs_check_digit("000000006") is None

    @given(st.text(alphabet="0123456789", min_size=9, max_size=9))
    def test_every_number_with_its_check_digit_is_valid(self, first_nine):
        check = nhs_check_digit(first_nine)
        if check is not None:
            assert clean_nhs_number(first_nine + str(check)) == first_nine + str(check)


class TestUpn:
    def test_accepts_a_valid_upn(self):
        digits = "801200001001"
        upn = upn_check_letter(digits) + digits
        assert clean_upn(upn.lower()) == upn

    def test_refuses_a_wrong_check_letter(self):
        digits = "801200001001"
        wrong = "A" if upn_check_letter(digits) != "A" else "B"
        with pytest.raises(ValueError, match="first letter does not match"):
            clean_upn(wrong + digits)

    def test_accepts_a_temporary_upn_ending_in_a_letter(self):
        body = "80120000100A"
        assert clean_upn(upn_check_letter(body) + body).endswith("A")

    @pytest.mark.parametrize("value", ["H80120000100", "1801200001001", "I801200001001", ""])
    def test_refuses_the_wrong_shape(self, value):
        with pytest.raises(ValueError, match="letter followed by 12 digits"):
            clean_upn(value)

    def test_check_letter_matches_the_dfe_worked_example(self):
        # DfE's algorithm: weights 2..13 on characters 2..13, remainder mod 23 indexes
        # ABCDEFGHJKLMNPQRTUVWXYZ. 0*2 + 0*3 + ... + 1*13 = 13 -> 'P'.
        assert upn_check_letter("000000000001") == "P"


class TestPostcode:
    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            ("ub81uw", "UB8 1UW"),
            ("UB8 1UW", "UB8 1UW"),
            (" sw1a 1aa ", "SW1A 1AA"),
            ("M1 1AE", "M1 1AE"),
            ("HA4 0AB", "HA4 0AB"),
        ],
    )
    def test_normalises_valid_postcodes(self, value, expected):
        assert clean_postcode(value) == expected

    @pytest.mark.parametrize("value", ["UB8", "12345", "UB8 1U", "UB8 11W", ""])
    def test_refuses_invalid_postcodes_with_an_example(self, value):
        with pytest.raises(ValueError, match="Enter a real UK postcode, like UB8 1UW"):
            clean_postcode(value)

    def test_sector_is_outward_code_and_first_inward_digit(self):
        assert postcode_sector("UB8 1UW") == "UB8 1"
