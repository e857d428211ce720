#!/usr/bin/env python3
import aws_cdk as cdk

from guard_duty_high_severity_findings_with_stack import ChatOpsStack

app = cdk.App()
ChatOpsStack(app, "guard-duty-high-severity-findings-with")
app.synth()
