#pragma once

#include "therapy/TherapyService.h"
#include "therapy/TherapyTypes.h"

#include <QDate>
#include <QDialog>
#include <QHash>

#include <functional>
#include <optional>
#include <vector>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QVBoxLayout;

namespace claimdesk::ui {

class DateInput;

// The forms of the therapy screens. Like the Deadlines tab's, each collects what it needs, checks that it is
// complete, then hands it to `submit` (which asks core). When `submit` returns a problem the dialog stays open with
// the problem shown and everything typed kept (a refused save, a conflicting edit); when it returns an empty string
// the dialog closes (accepted). Opened with open(), never exec(), so nothing blocks in tests.

// A small form built from a few typed fields, each under a key: "Log session…", "Add invoice…", "Pay invoice…",
// "Reject…", "Ask for extension…", "Write off…", "Set allocation…" and the like. Field objectNames are the key plus
// the widget kind ("heldOnEdit", "amountEdit", "reasonEdit", "outcomeCombo", "sessionsSpinBox", "chargedCheckBox").
class TherapyFormDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TherapyFormDialog)
public:
    using Submit = std::function<QString(const TherapyFormDialog& form)>;
    TherapyFormDialog(const QString& title, const QString& heading, const QString& intro, const QString& okText,
                      QWidget* parent = nullptr);
    ~TherapyFormDialog() override;

    void setSubmit(Submit submit) { m_submit = std::move(submit); }
    void addDate(const QString& key, const QString& label, const QDate& initial, bool required);
    void addSessions(const QString& key, const QString& label, int minimum, int maximum, int value);
    void addAmount(const QString& key, const QString& label, std::optional<qint64> initialPence, bool required);
    void addText(const QString& key, const QString& label, const QString& initial, bool required, bool multiline,
                 const QString& placeholder = {});
    void addCheck(const QString& key, const QString& label, bool checked);
    void addChoice(const QString& key, const QString& label, const QStringList& items, bool editable, int current = 0);
    void addNote(const QString& text);  // a muted line under the fields

    QDate date(const QString& key) const;  // invalid when empty
    int sessions(const QString& key) const;
    std::optional<qint64> amount(const QString& key) const;
    QString text(const QString& key) const;  // trimmed
    bool checked(const QString& key) const;
    int choiceIndex(const QString& key) const;
    QString choiceText(const QString& key) const;

    // Shows a problem without closing (also used by callers after a conflict).
    void showProblem(const QString& text);
    void accept() override;

private:
    QString missing() const;  // the first required field left empty, as a sentence; empty when complete

    Submit m_submit;
    QFormLayout* m_form;
    QVBoxLayout* m_notes;
    QLabel* m_message;
    struct DateField {
        QLineEdit* edit;
        DateInput* input;
        QString label;
        bool required;
    };
    struct TextField {
        QLineEdit* line;
        QPlainTextEdit* multi;
        QString label;
        bool required;
    };
    struct AmountField {
        QLineEdit* edit;
        QString label;
        bool required;
    };
    QHash<QString, DateField> m_dates;
    QHash<QString, QSpinBox*> m_spins;
    QHash<QString, AmountField> m_amounts;
    QHash<QString, TextField> m_texts;
    QHash<QString, QCheckBox*> m_checks;
    QHash<QString, QComboBox*> m_choices;
};

// "Add provider…" / "Edit provider…": who the therapist is, their registration, contact, payment terms and bank
// details (changing the bank details clears the "verified by call-back" mark).
class ProviderDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProviderDialog)
public:
    using Submit = std::function<QString(const core::therapy::Provider& provider)>;
    ProviderDialog(const core::therapy::Provider& provider, Submit submit, QWidget* parent = nullptr);
    ~ProviderDialog() override;
    core::therapy::Provider edited() const;
    void accept() override;

private:
    core::therapy::Provider m_provider;
    Submit m_submit;
    QLineEdit* m_name;
    QLineEdit* m_organisation;
    QComboBox* m_body;
    QLineEdit* m_registration;
    QPlainTextEdit* m_contact;
    QSpinBox* m_terms;
    QLineEdit* m_accountName;
    QLineEdit* m_sortCode;
    QLineEdit* m_accountNumber;
    QLabel* m_message;
};

// "New request…" / "Edit…": every field of a therapy request a fee earner fills in, with the total it would cost if
// approved as asked. "New provider…" asks the owner (newProviderRequested) and addProvider() puts the new one in
// the list, chosen.
class RequestDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RequestDialog)
public:
    using Submit = std::function<QString(const core::therapy::TherapyRequest& request)>;
    RequestDialog(const QString& reference, const core::therapy::TherapyRequest& request,
                  const std::vector<core::therapy::Provider>& providers, Submit submit, QWidget* parent = nullptr);
    ~RequestDialog() override;

    core::therapy::TherapyRequest edited() const;
    void addProvider(const core::therapy::Provider& provider);
    void showProblem(const QString& text);
    void accept() override;

signals:
    void newProviderRequested();

private:
    void updateTotal();

    core::therapy::TherapyRequest m_request;
    Submit m_submit;
    QComboBox* m_funding;
    QLineEdit* m_recommendation;
    QLineEdit* m_diagnosis;
    QComboBox* m_provider;
    QPushButton* m_newProvider;
    QComboBox* m_modality;
    QLineEdit* m_modalityOther;
    QSpinBox* m_minutes;
    QComboBox* m_delivery;
    QComboBox* m_frequency;
    QSpinBox* m_sessions;
    QLineEdit* m_cost;
    QCheckBox* m_vat;
    QLineEdit* m_fees;
    QSpinBox* m_reviewAfter;
    QLineEdit* m_reviewOnEdit;
    DateInput* m_reviewOn;
    QCheckBox* m_recoverability;
    QCheckBox* m_shareable;
    QLabel* m_total;
    QLabel* m_message;
};

// "Approve…" and "Approve extension…": sessions (≤ asked for), conditions, a review point, and — only when the
// cost exceeds what remains of the fund year's budget — the supervisor's reason to override it.
class DecisionDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DecisionDialog)
public:
    enum class Mode { Approve, ApproveExtension };
    using Submit = std::function<QString(const core::therapy::ApprovalInput& input)>;
    // `remainingPence`: the fund year's remaining budget (nothing when unknown or not drawn on: not the firm fund).
    DecisionDialog(Mode mode, const core::therapy::TherapyRequest& request, const QString& requesterName,
                   std::optional<qint64> remainingPence, std::optional<qint64> authorityLimitPence, Submit submit,
                   QWidget* parent = nullptr);
    ~DecisionDialog() override;

    core::therapy::ApprovalInput input() const;
    qint64 costPence() const;  // the cap (approve) or the extra (extension) for the sessions chosen
    bool overrideNeeded() const;
    void showProblem(const QString& text);
    void accept() override;

private:
    void update();

    Mode m_mode;
    core::therapy::TherapyRequest m_request;
    std::optional<qint64> m_remaining;
    Submit m_submit;
    QSpinBox* m_sessions;
    QPlainTextEdit* m_conditions;
    QLineEdit* m_reviewOnEdit;
    DateInput* m_reviewOn;
    QSpinBox* m_reviewAfter;
    QFormLayout* m_form;
    QLabel* m_summary;
    QPlainTextEdit* m_override;
    QLabel* m_message;
};

}  // namespace claimdesk::ui
