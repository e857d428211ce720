#!/usr/bin/env python3
import aws_cdk as cdk

from instance_failure_stack import ChatOpsStack

app = cdk.App()
ChatOpsStack(app, "instance-failure")
app.synth()
