output "event_rule_arn" {
  description = "The EventBridge rule"
  value       = aws_cloudwatch_event_rule.chatops.arn
}

output "events_log_group_name" {
  description = "The log group of matched events (replay them with chatops replay)"
  value       = aws_cloudwatch_log_group.events.name
}
