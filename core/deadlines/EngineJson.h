#pragma once

#include "deadlines/DeadlineEngine.h"
#include "deadlines/EngineTypes.h"
#include "deadlines/HolidayCalendar.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

// The deadline engine's JSON (ENGINE-CLI.md, a stable contract: fields are added, never renamed or removed).
namespace claimdesk::core::deadlines {

struct ParsedInput {
    EngineInput input;
    QList<Holiday> courtClosures;  // optional "courtClosures": ["2026-12-24", {"date": …, "name": …}]
    QList<InputProblem> problems;  // one per bad field, in document order; empty when the input is usable
};

// Reads the engine input. Unknown fields are ignored; unknown type/method/region/precision values, bad dates
// (`"2025-02-30" is not a valid date`) and wrong JSON types are problems named by their field path. The
// engine's own checks (DeadlineEngine::validate) are not run here.
ParsedInput parseEngineInput(const QByteArray& json);

QJsonObject toJson(const EngineResult& result);
// The input in the same format parseEngineInput reads (a case's facts, for `cases deadlines` and hashing).
QJsonObject inputToJson(const EngineInput& input);
// One event, as stored on a case and as in the input's "events" array.
QJsonObject eventToJson(const Event& event);
std::optional<Event> parseEvent(const QJsonObject& object, QList<InputProblem>& problems);
// For people: the limitation panel, deadlines, service dates and warnings with numbered explanations.
QString toText(const EngineResult& result);

// `[{"date": "2027-01-01", "name": "New Year's Day"}, …]`
QJsonArray holidaysToJson(const QList<Holiday>& holidays);

}  // namespace claimdesk::core::deadlines
