#!/usr/bin/env node
import * as cdk from "aws-cdk-lib";
import { ChatOpsStack } from "../lib/guard-duty-high-severity-findings-with-stack";

const app = new cdk.App();
new ChatOpsStack(app, "guard-duty-high-severity-findings-with");
app.synth();
