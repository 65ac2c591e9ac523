"""What a notice says about itself: policy record, validity, eligibility, places and supersession."""
