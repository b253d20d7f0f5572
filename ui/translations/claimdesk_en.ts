<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<!--
  English plural forms only: every other string is shown as written in the source. Regenerate the
  skeleton with `lupdate -pluralonly -no-obsolete -locations none ui -ts ui/translations/claimdesk_en.ts`,
  then check the contexts: lupdate 6.4 drops C++17 nested namespaces, but tr() looks strings up under the
  full class name (claimdesk::ui::X).
-->
<TS version="2.1" language="en_GB" sourcelanguage="en">
<context>
    <name>claimdesk::ui::PassphraseStrengthHint</name>
    <message numerus="yes">
        <source>At least %n characters. Several unrelated words work well.</source>
        <translation>
            <numerusform>At least %n character. Several unrelated words work well.</numerusform>
            <numerusform>At least %n characters. Several unrelated words work well.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Too short: %n more character(s) needed.</source>
        <translation>
            <numerusform>Too short: %n more character needed.</numerusform>
            <numerusform>Too short: %n more characters needed.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>claimdesk::ui::WelcomePanel</name>
    <message numerus="yes">
        <source>ClaimDesk locks itself after %n minute(s) without activity. You can change this in File › Preferences.</source>
        <translation>
            <numerusform>ClaimDesk locks itself after %n minute without activity. You can change this in File › Preferences.</numerusform>
            <numerusform>ClaimDesk locks itself after %n minutes without activity. You can change this in File › Preferences.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CaseText</name>
    <message numerus="yes">
        <source>%n day(s) overdue</source>
        <translation>
            <numerusform>%n day overdue</numerusform>
            <numerusform>%n days overdue</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>in %n day(s)</source>
        <translation>
            <numerusform>in %n day</numerusform>
            <numerusform>in %n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;never write to %n address(es)&lt;/b&gt; (hidden in privacy mode)</source>
        <translation>
            <numerusform>&lt;b&gt;never write to %n address&lt;/b&gt; (hidden in privacy mode)</numerusform>
            <numerusform>&lt;b&gt;never write to %n addresses&lt;/b&gt; (hidden in privacy mode)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>claimdesk::ui::CaseListPanel</name>
    <message numerus="yes">
        <source>%1 case(s)</source>
        <translation>
            <numerusform>%1 case</numerusform>
            <numerusform>%1 cases</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %2 case(s)</source>
        <translation>
            <numerusform>%1 of %2 case</numerusform>
            <numerusform>%1 of %2 cases</numerusform>
        </translation>
    </message>
</context>
</TS>
