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
<context>
    <name>claimdesk::ui::AuditViewerWindow</name>
    <message numerus="yes">
        <source>The newest %n entries%1 are shown; scroll down for older ones.</source>
        <translation>
            <numerusform>The newest entry%1 is shown; scroll down for older ones.</numerusform>
            <numerusform>The newest %n entries%1 are shown; scroll down for older ones.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>All %n entries%1 are shown.</source>
        <translation>
            <numerusform>The only entry%1 is shown.</numerusform>
            <numerusform>All %n entries%1 are shown.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n entries were written to %1. The export is recorded in the audit trail.</source>
        <translation>
            <numerusform>%n entry was written to %1. The export is recorded in the audit trail.</numerusform>
            <numerusform>%n entries were written to %1. The export is recorded in the audit trail.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>claimdesk::ui::LimitationQueueWindow</name>
    <message numerus="yes">
        <source>%n case(s) need attention.</source>
        <translation>
            <numerusform>%n case needs attention.</numerusform>
            <numerusform>%n cases need attention.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>claimdesk::ui::CaseDeadlinesTab</name>
    <message numerus="yes">
        <source>%1 %n deadline(s) changed:</source>
        <translation>
            <numerusform>%1 %n deadline changed:</numerusform>
            <numerusform>%1 %n deadlines changed:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %n deadline(s) changed.</source>
        <translation>
            <numerusform>%1: %n deadline changed.</numerusform>
            <numerusform>%1: %n deadlines changed.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>claimdesk::ui::DiaryWindow</name>
    <message numerus="yes">
        <source>%n deadline(s) written to %1. Import it into Outlook or Google Calendar; it holds case references and deadlines only.</source>
        <translation>
            <numerusform>%n deadline written to %1. Import it into Outlook or Google Calendar; it holds case references and deadlines only.</numerusform>
            <numerusform>%n deadlines written to %1. Import it into Outlook or Google Calendar; it holds case references and deadlines only.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n deadline(s)</source>
        <translation>
            <numerusform>%n deadline</numerusform>
            <numerusform>%n deadlines</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n overdue</source>
        <translation>
            <numerusform>, %n overdue</numerusform>
            <numerusform>, %n overdue</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%n limitation reminder(s) to acknowledge&lt;/b&gt;</source>
        <translation>
            <numerusform>&lt;b&gt;%n limitation reminder to acknowledge&lt;/b&gt;</numerusform>
            <numerusform>&lt;b&gt;%n limitation reminders to acknowledge&lt;/b&gt;</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>… and %n more in the table below.</source>
        <translation>
            <numerusform>… and %n more in the table below.</numerusform>
            <numerusform>… and %n more in the table below.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>claimdesk::ui::EventListModel</name>
    <message numerus="yes">
        <source>%1 (%n day(s))</source>
        <translation>
            <numerusform>%1 (%n day)</numerusform>
            <numerusform>%1 (%n days)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 (relevant period %n day(s))</source>
        <translation>
            <numerusform>%1 (relevant period %n day)</numerusform>
            <numerusform>%1 (relevant period %n days)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>claimdesk::ui::MainWindow</name>
    <message numerus="yes">
        <source>⚠ %n break-glass notice(s) to review</source>
        <translation>
            <numerusform>⚠ %n break-glass notice to review</numerusform>
            <numerusform>⚠ %n break-glass notices to review</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>⚠ %n limitation reminder(s) to acknowledge</source>
        <translation>
            <numerusform>⚠ %n limitation reminder to acknowledge</numerusform>
            <numerusform>⚠ %n limitation reminders to acknowledge</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source> — %n escalated</source>
        <translation>
            <numerusform> — %n escalated</numerusform>
            <numerusform> — %n escalated</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>claimdesk::ui::PreferencesDialog</name>
    <message numerus="yes">
        <source>Your firm allows at most %n minute(s).</source>
        <translation>
            <numerusform>Your firm allows at most %n minute.</numerusform>
            <numerusform>Your firm allows at most %n minutes.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>claimdesk::ui::SessionPolicyDialog</name>
    <message numerus="yes">
        <source>The firm&apos;s maximum is %n minute(s) now.</source>
        <translation>
            <numerusform>The firm&apos;s maximum is %n minute now.</numerusform>
            <numerusform>The firm&apos;s maximum is %n minutes now.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>claimdesk::ui::RetentionWindow</name>
    <message numerus="yes">
        <source>%1 was erased (%n record(s) deleted). Its tombstone remains for conflict checks.</source>
        <translation>
            <numerusform>%1 was erased (%n record deleted). Its tombstone remains for conflict checks.</numerusform>
            <numerusform>%1 was erased (%n records deleted). Its tombstone remains for conflict checks.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n case(s) in the register were already erased here.</source>
        <translation>
            <numerusform>%n case in the register was already erased here.</numerusform>
            <numerusform>%n cases in the register were already erased here.</numerusform>
        </translation>
    </message>
</context>
</TS>
