#pragma once

#include "deadlines/DeadlineService.h"

#include "deadlines/EngineTypes.h"

#include <QDate>
#include <QDialog>

#include <functional>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QSpinBox;
class QTimeEdit;

namespace claimdesk::ui {

class DateInput;

// The small forms of the Deadlines tab. Each collects what it needs, checks that it is complete, then hands it
// to `submit` (which asks core). When `submit` returns a problem the dialog stays open with the problem shown
// and everything typed kept; when it returns an empty string the dialog closes (accepted). Opened with open(),
// never exec(), so nothing blocks in tests.

// "Record event…": the fields follow the event type (a date; a date, time and method of service; days; the
// relevant period; the date a standstill ends), plus a note.
class RecordEventDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RecordEventDialog)
public:
    using Submit = std::function<QString(const core::deadlines::Event& event, const QString& note)>;
    RecordEventDialog(const QString& reference, Submit submit, QWidget* parent = nullptr);
    ~RecordEventDialog() override;

    void setEventType(core::deadlines::EventType type);
    void accept() override;

private:
    void updateFields();
    QString collect(core::deadlines::Event& event) const;  // a problem, or empty when `event` is complete

    Submit m_submit;
    QComboBox* m_type;
    QFormLayout* m_form;
    QLineEdit* m_dateEdit;
    QLabel* m_dateHint;
    DateInput* m_date;
    QTimeEdit* m_time;
    QComboBox* m_method;
    QCheckBox* m_particulars;
    QSpinBox* m_days;
    QSpinBox* m_relevantPeriod;
    QLineEdit* m_expiresEdit;
    QLabel* m_expiresHint;
    QComboBox* m_party;  // SAR / rehabilitation proposal: who must reply
    QComboBox* m_region;  // whose working days count (where service takes place)
    DateInput* m_expires;
    QLineEdit* m_note;
    QLabel* m_message;
};

// "Override…": the limitation date a person has worked out, and why. Both are required.
class OverrideLimitationDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OverrideLimitationDialog)
public:
    using Submit = std::function<QString(const QDate& date, const QString& reason)>;
    OverrideLimitationDialog(const QString& reference, const QDate& current, Submit submit, QWidget* parent = nullptr);
    ~OverrideLimitationDialog() override;
    void accept() override;

private:
    Submit m_submit;
    QLineEdit* m_dateEdit;
    DateInput* m_date;
    QPlainTextEdit* m_reason;
    QLabel* m_message;
};

// "Add court-ordered deadline…": title, date and an optional note.
class ManualDeadlineDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ManualDeadlineDialog)
public:
    using Submit = std::function<QString(const QString& title, const QDate& date, const QString& note)>;
    ManualDeadlineDialog(const QString& reference, Submit submit, QWidget* parent = nullptr);
    ~ManualDeadlineDialog() override;
    void accept() override;

private:
    Submit m_submit;
    QLineEdit* m_title;
    QLineEdit* m_dateEdit;
    DateInput* m_date;
    QLineEdit* m_note;
    QLabel* m_message;
};

// Deadlines › Diary › "Reminder ladder…" (supervisors and admins): the firm's limitation reminder ladder as text
// ("12m, 6m, 3m, 1m, 2w, 5bd"), read back in words and as the dates it gives for an example safe date while typing.
class ReminderLadderDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReminderLadderDialog)
public:
    using Submit = std::function<QString(const core::deadlines::ReminderLadder& ladder)>;
    ReminderLadderDialog(const core::deadlines::ReminderLadder& current, const QDate& exampleSafeDate, Submit submit,
                         QWidget* parent = nullptr);
    ~ReminderLadderDialog() override;
    void accept() override;
    QLineEdit* ladderEdit() const { return m_ladder; }
    QLabel* previewLabel() const { return m_preview; }

private:
    void updatePreview();

    Submit m_submit;
    QDate m_example;
    QLineEdit* m_ladder;
    QLabel* m_preview;
    QLabel* m_message;
};

}  // namespace claimdesk::ui
