"""Input for the two-factor pages: one code field, parsed here and checked by core.two_factor."""

from __future__ import annotations

from django import forms

# A one-time code: the browser and password managers may fill it in; it is never a word.
_CODE_ATTRS = {
    "autocomplete": "one-time-code",
    "autocapitalize": "none",
    "spellcheck": "false",
    "class": "govuk-input--width-10",
}


class VerifyForm(forms.Form):
    code = forms.CharField(
        label="Code",
        max_length=32,
        help_text="The 6-digit code from your authenticator app, or one of your recovery codes.",
        widget=forms.TextInput(attrs=_CODE_ATTRS),
    )


class ConfirmDeviceForm(forms.Form):
    code = forms.CharField(
        label="Code from your authenticator app",
        max_length=32,
        help_text="The 6-digit code the app shows for this service.",
        widget=forms.TextInput(attrs={**_CODE_ATTRS, "inputmode": "numeric"}),
    )
