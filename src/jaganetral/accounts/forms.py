from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from jaganetral.accounts.models import NotifyMode


class NotifyModeForm(forms.Form):
    notify_mode = forms.ChoiceField(
        label=_("Pemberitahuan lewat surel"), choices=NotifyMode.choices, widget=forms.RadioSelect
    )


class TokenForm(forms.Form):
    token = forms.RegexField(
        label=_("Kode 6 digit dari aplikasi autentikator"),
        regex=r"^\s*\d{6}\s*$",
        max_length=10,
        error_messages={"invalid": _("Masukkan 6 angka dari aplikasi autentikator.")},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class LoginForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("Nama pengguna atau kata sandi salah. Perhatikan huruf besar dan kecil."),
        "inactive": _("Akun ini tidak aktif. Hubungi administrator."),
    }
