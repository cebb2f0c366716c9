import TuiweiCore
