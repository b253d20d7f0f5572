#pragma once

#include "ui/cases/CaseText.h"

#include <QObject>

#include <functional>

class QLabel;
class QLineEdit;

namespace claimdesk::ui {

// Turns a QLineEdit into a UK date field that validates as you type: a red hint under the field says
// what is wrong ("31 February 2021 does not exist", "in the future", "before the start"), and the text
// typed is never changed or thrown away while it is wrong. A valid date is rewritten as "27 Nov 2026"
// when the field loses focus, so 03/04/1990 visibly reads as 3 April.
class DateInput final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DateInput)
public:
    struct Options {
        bool partial = false;      // "Mar 1994" and "1994" are allowed (incident dates)
        bool notInFuture = false;  // a date of birth, an incident
        bool required = false;
    };

    DateInput(QLineEdit* edit, QLabel* hint, Options options, QObject* parent = nullptr);

    // Shows a date (or clears the field for an invalid one) without emitting edited().
    void setDate(const QDate& date, core::DatePrecision precision = core::DatePrecision::Day);
    // Restores text exactly as typed (a draft kept while another row was shown).
    void setText(const QString& text);
    QString text() const;
    // The date typed; nothing when empty or not a date.
    std::optional<ParsedDate> value() const;
    QDate date() const;  // invalid when there is none
    // Empty (and not required), or a date with no problem.
    bool isAcceptable() const { return problem().isEmpty(); }
    QString problem() const;
    // Another rule, such as "not before the start": returns the problem or an empty string.
    void setCrossCheck(std::function<QString(const ParsedDate&)> check);
    void revalidate();  // shows or hides the hint (call when what a cross-check depends on changed)

    static QDate today();

signals:
    void edited();  // the person typed (not setDate/setText)

private:
    QLineEdit* m_edit;
    QLabel* m_hint;
    Options m_options;
    std::function<QString(const ParsedDate&)> m_crossCheck;
};

}  // namespace claimdesk::ui
