"""The rule set: rule files in, a checked `RuleSet` compiled for durable-rules out; then a
profile's facts in, the ids of the rules that fired out.

Holds the rule model and loader, the fact catalogue, facts and derived facts, conditions, the
completeness policy, the compiler and `evaluator` (the only module that imports `durable`).
"""
